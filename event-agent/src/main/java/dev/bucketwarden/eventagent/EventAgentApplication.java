package dev.bucketwarden.eventagent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EventAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(EventAgentApplication.class, args);
	}

}
